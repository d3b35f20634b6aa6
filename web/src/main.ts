import ElementPlus from "element-plus";
import zhCn from "element-plus/es/locale/lang/zh-cn";
import "element-plus/dist/index.css";
import "./layout.css";
import "./theme.css";
import { createApp } from "vue";
import App from "./App.vue";
import { router } from "./router.ts";
import { consoleI18n } from "./portal/i18n.ts";
import { oidcSignIn } from "./auth/oidc.ts";

createApp(App).use(ElementPlus, { locale: zhCn }).use(consoleI18n()).use(router).mount("#app");
// In AWS, token renewal starts with the page (locally this only reads config.json, once).
void oidcSignIn();
