import { createRouter, createWebHistory } from "vue-router";
import { session } from "../session.ts";

/**
 * The portal's pages under /portal/. Looking up a service and its guide needs no sign-in; booking, applying and
 * following a case do — the applicant signs in and comes back to the page they asked for. No personal data in any
 * path or query: applications and appointments are named by their ids only.
 */
export const router = createRouter({
  history: createWebHistory("/portal/"),
  routes: [
    { path: "/", name: "home", component: () => import("./pages/PortalHome.vue"), meta: { public: true } },
    {
      path: "/items/:itemId",
      name: "guide",
      component: () => import("./pages/GuidePage.vue"),
      props: true,
      meta: { public: true },
    },
    {
      path: "/items/:itemId/book",
      name: "book",
      component: () => import("./pages/BookPage.vue"),
      props: true,
    },
    {
      path: "/items/:itemId/apply",
      name: "apply",
      component: () => import("./pages/ApplyPage.vue"),
      props: true,
    },
    { path: "/appointments", name: "appointments", component: () => import("./pages/MyAppointments.vue") },
    { path: "/applications", name: "applications", component: () => import("./pages/MyApplications.vue") },
    {
      path: "/applications/:applicationId",
      name: "case",
      component: () => import("./pages/CasePage.vue"),
      props: true,
    },
    { path: "/complaint", name: "complaint", component: () => import("./pages/ComplaintPage.vue") },
    // Where the identity provider returns (AWS only): the code is exchanged there
    {
      path: "/callback",
      name: "callback",
      component: () => import("./pages/PortalCallback.vue"),
      meta: { public: true },
    },
    {
      path: "/sign-in",
      name: "sign-in",
      component: () => import("./pages/PortalSignIn.vue"),
      meta: { public: true },
    },
  ],
});

router.beforeEach((to) => {
  if (to.meta.public || session.token()) return true;
  return { name: "sign-in", query: { back: to.fullPath } };
});
