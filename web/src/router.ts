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
    { path: "/", name: "home", component: () => import("./pages/Home.vue") },
  ],
});

/** Every page but sign-in needs a token; without one the user signs in and comes back to the page they asked for. */
router.beforeEach((to) => {
  if (to.meta.public || session.token()) return true;
  return { name: "sign-in", query: { back: to.fullPath } };
});
