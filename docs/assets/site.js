// The site's few additions to Material, run on every page (document$ is Material's page stream).
document$.subscribe(() => {
  // Language selector: each language is a build of its own with the same pages, so the link to
  // the other language's home (extra.alternate in mkdocs.yml) becomes a link to this same page
  // there. Material's base (the path from this page to its build's root) gives the page's path.
  const config = JSON.parse(document.getElementById("__config").textContent);
  const root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  const page = location.href.slice(root.href.length).split("#")[0];
  for (const link of document.querySelectorAll("a.md-select__link[hreflang]")) {
    link.href = new URL(page, new URL(link.getAttribute("href"), location.href)).href;
  }

  // Accessibility (axe-core, WCAG 2.1): the search dialog needs a name. (A table's frame, which
  // may scroll sideways, is focusable from the build: hooks/startup.py.)
  const search = document.querySelector(".md-search[role=dialog]");
  const input = document.querySelector(".md-search__input");
  if (search && input) search.setAttribute("aria-label", input.getAttribute("aria-label"));
});

// A code block is focusable from the build (hooks/startup.py) until Material sets it up as it
// comes into view (content.lazy); Material then drops its tabindex if it does not scroll
// sideways. If that happens while it has focus (a reader tabbed onto it), the browser moves focus
// back to the page: it goes to the block's copy button instead.
document.addEventListener("focusout", ({ target: code, relatedTarget }) => {
  if (relatedTarget || !code.matches("pre > code") || code.hasAttribute("tabindex")) return;
  setTimeout(() => {
    if (document.activeElement === document.body && code.scrollWidth <= code.clientWidth) {
      code.closest("pre").querySelector(".md-code__button")?.focus();
    }
  });
});
