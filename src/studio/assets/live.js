// Follows the preview server's renders (server-sent events). When the server has a version this page
// does not show, the page is fetched again and #studio-page swapped for the new one, keeping where
// the author was scrolled to: the window and every element marked data-keep-scroll. Versions are
// compared for equality, not order: a restarted server counts from 1 again.
(() => {
  const events = document.body.dataset.events;
  if (!events || !("EventSource" in window)) return;
  let wanted = document.body.dataset.version;
  let busy = false;

  const scrolls = () => {
    const kept = { x: scrollX, y: scrollY, parts: {} };
    for (const el of document.querySelectorAll("[data-keep-scroll]")) kept.parts[el.dataset.keepScroll] = [el.scrollLeft, el.scrollTop];
    return kept;
  };
  const restore = (kept) => {
    for (const el of document.querySelectorAll("[data-keep-scroll]")) {
      const at = kept.parts[el.dataset.keepScroll];
      if (at) [el.scrollLeft, el.scrollTop] = at;
    }
    scrollTo(kept.x, kept.y);
  };

  const refresh = async () => {
    if (busy || wanted === document.body.dataset.version) return;
    busy = true;
    try {
      // A lesson the edit removed answers 404 with a page that says so: it is shown all the same.
      const response = await fetch(location.href, { cache: "no-store" });
      const next = new DOMParser().parseFromString(await response.text(), "text/html");
      const page = next.getElementById("studio-page");
      if (page) {
        const kept = scrolls();
        document.getElementById("studio-page").replaceWith(document.adoptNode(page));
        document.title = next.title;
        document.body.dataset.version = next.body.dataset.version;
        restore(kept);
      }
    } catch (err) {
      // The server is gone or restarting: the next event it sends brings the page up to date.
      console.warn("studio: could not fetch the new version", err);
      wanted = document.body.dataset.version;
    } finally {
      busy = false;
    }
    // A render that finished while this one was fetched.
    void refresh();
  };

  const source = new EventSource(events);
  source.addEventListener("render", (event) => {
    wanted = JSON.parse(event.data).version;
    void refresh();
  });
})();
