// Behaviour that would otherwise be inline script, which the Content-Security-Policy
// forbids. Delegated from the document so that content swapped in by htmx works too.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
