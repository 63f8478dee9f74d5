/* The course's fix for the chapter list on narrow screens.

   pydata-sphinx-theme 0.20 opens its sidebars (as modal dialogs) from the first element of
   class primary-toggle / secondary-toggle only; sphinx-book-theme 1.4 renders a second
   button of each class in the article header, the only one shown below 960 px, which then
   does nothing (pydata/pydata-sphinx-theme#2451, executablebooks/sphinx-book-theme#991).
   Below 960 px, a click on any other toggle clicks the first one, which opens the dialog. */
document.addEventListener("DOMContentLoaded", () => {
  const narrow = window.matchMedia("(max-width: 959.98px)");
  for (const kind of ["primary", "secondary"]) {
    const [first, ...others] = document.querySelectorAll(`.${kind}-toggle`);
    if (!first) continue;
    for (const button of others) {
      button.addEventListener("click", (event) => {
        if (!narrow.matches) return;
        event.preventDefault();
        event.stopPropagation();
        first.click();
      });
    }
  }
});
