import ElementPlus from "element-plus";
import "element-plus/dist/index.css";
import "../layout.css";
import "../theme.css";
import { createApp } from "vue";
import PortalApp from "./PortalApp.vue";
import { i18n } from "./i18n.ts";
import { router } from "./router.ts";

/** The applicants' portal (办事大厅, issue 19): its own page and router, the console's client and sign-in. */
createApp(PortalApp).use(ElementPlus).use(i18n).use(router).mount("#app");
