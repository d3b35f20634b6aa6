import ElementPlus from "element-plus";
import "element-plus/dist/index.css";
import "../layout.css";
import "../theme.css";
import { createApp } from "vue";
import PortalApp from "./PortalApp.vue";
import { portalI18n } from "./i18n.ts";
import { router } from "./router.ts";
import { portalSignIn } from "../auth/oidc.ts";
import { lang } from "../lang.ts";

/** The applicants' portal (办事大厅, issue 19): its own page and router, the console's client and sign-in. */
createApp(PortalApp).use(ElementPlus).use(portalI18n()).use(router).mount("#app");
// In AWS, token renewal starts with the page (locally this only reads config.json, once).
void portalSignIn(lang.value);
