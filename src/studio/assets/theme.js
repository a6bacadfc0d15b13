// Light or dark: the system's choice until the author picks one with the switch (remembered here).
// Runs in <head> so the page never flashes in the other theme.
(() => {
  const root = document.documentElement;
  const saved = localStorage.getItem("studio-theme");
  if (saved === "light" || saved === "dark") root.dataset.theme = saved;
  document.addEventListener("click", (event) => {
    if (!(event.target instanceof Element) || !event.target.closest("[data-theme-switch]")) return;
    const current = root.dataset.theme ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
    const next = current === "dark" ? "light" : "dark";
    root.dataset.theme = next;
    localStorage.setItem("studio-theme", next);
  });
})();
