// Document-level delegation, so it works for cards rendered at any time inside the chat:
// a [n] link scrolls to its source card and flashes it; opening the full article scrolls to the quote.
(() => {
  document.addEventListener('click', (event) => {
    const link = event.target.closest ? event.target.closest('a.cite') : null;
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const card = document.getElementById((link.getAttribute('href') || '').slice(1));
    if (!card) return;
    card.scrollIntoView({behavior: 'smooth', block: 'nearest'});
    card.classList.add('flash');
    setTimeout(() => card.classList.remove('flash'), 1500);
  }, true);
  document.addEventListener('toggle', (event) => {
    const box = event.target;
    if (!(box.matches && box.matches('details.src-article') && box.open)) return;
    const mark = box.querySelector('mark');
    if (mark) mark.scrollIntoView({block: 'center'});
  }, true);
})();
