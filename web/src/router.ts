import { createRouter, createWebHistory } from "vue-router";
import { session } from "./session.ts";

export const router = createRouter({
  history: createWebHistory("/console/"),
  routes: [
    {
      path: "/sign-in",
      name: "sign-in",
      component: () => import("./pages/SignIn.vue"),
      meta: { public: true },
    },
    // Where the managed login returns (AWS only): the code is exchanged there
    {
      path: "/callback",
      name: "callback",
      component: () => import("./pages/Callback.vue"),
      meta: { public: true },
    },
    { path: "/", name: "home", component: () => import("./pages/Home.vue") },
    { path: "/window", name: "window", component: () => import("./pages/window/WindowDesk.vue") },
    {
      path: "/window/apply",
      name: "take-application",
      component: () => import("./pages/window/TakeApplication.vue"),
    },
    {
      path: "/applications/:applicationId",
      name: "application",
      component: () => import("./pages/ApplicationDetail.vue"),
      props: true,
    },
    { path: "/review", name: "review", component: () => import("./pages/review/ReviewDesk.vue") },
    {
      path: "/review/:applicationId",
      name: "review-task",
      component: () => import("./pages/review/ReviewTask.vue"),
      props: true,
    },
    { path: "/admin", name: "admin", component: () => import("./pages/admin/AdminDesk.vue") },
    {
      path: "/supervision/day",
      name: "center-day",
      component: () => import("./pages/supervision/CenterDay.vue"),
    },
    {
      path: "/supervision/month",
      name: "monthly-indicators",
      component: () => import("./pages/supervision/MonthlyIndicators.vue"),
    },
    { path: "/hotline", name: "hotline", component: () => import("./pages/hotline/WorkOrderDesk.vue") },
    {
      path: "/hotline/:workOrderId",
      name: "work-order",
      component: () => import("./pages/hotline/WorkOrderDetail.vue"),
      props: true,
    },
    {
      path: "/supervision/warnings",
      name: "cross-center-warnings",
      component: () => import("./pages/supervision/CrossCenterWarnings.vue"),
    },
    {
      path: "/supervision/ratings",
      name: "ratings",
      component: () => import("./pages/supervision/RatingsDesk.vue"),
    },
    {
      path: "/unresolved",
      name: "unresolved-matters",
      component: () => import("./pages/supervision/UnresolvedMatters.vue"),
    },
    {
      path: "/unresolved/:matterId",
      name: "unresolved-matter",
      component: () => import("./pages/supervision/UnresolvedMatter.vue"),
      props: true,
    },
    {
      path: "/admin/cases/:applicationId",
      name: "case-clock",
      component: () => import("./pages/admin/CaseClock.vue"),
      props: true,
    },
    // The lobby's calling screen (叫号屏): public, full screen, no console frame
    {
      path: "/lobby/:centerId",
      name: "lobby",
      component: () => import("./pages/lobby/LobbyScreen.vue"),
      props: true,
      meta: { public: true, bare: true },
    },
    {
      path: "/verify/:documentId",
      name: "verify",
      component: () => import("./pages/Verify.vue"),
      props: true,
      meta: { public: true },
    },
  ],
});

/** Every page but sign-in needs a token; without one the user signs in and comes back to the page they asked for. */
router.beforeEach((to) => {
  if (to.meta.public || session.token()) return true;
  return { name: "sign-in", query: { back: to.fullPath } };
});
