// Material wraps each table in a box that scrolls sideways on narrow screens
// (.md-typeset__scrollwrap) but does not make it focusable, so a keyboard user could not scroll
// it (WCAG 2.1.1; axe-core's scrollable-region-focusable). document$ is Material's page stream.
document$.subscribe(() => {
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
    box.tabIndex = 0;
  }
});
