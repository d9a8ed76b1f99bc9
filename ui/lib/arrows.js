// Arrow keys in a list of links under a search box (members, loans, the collection sheet's
// names): ArrowDown moves to the next link, ArrowUp to the one before or, from the first, back
// up to `back` (the search box). `links` are the list's links in order; `e` is a keydown.
// Answers false, doing nothing, when the key was not pressed on one of the links.
export function arrowsAlong(e, links, back) {
  const i = links.indexOf(e.target);
  if (i < 0) return false;
  if (e.key === 'ArrowDown' && i + 1 < links.length) {
    e.preventDefault();
    links[i + 1].focus();
  } else if (e.key === 'ArrowUp') {
    e.preventDefault();
    (i === 0 ? back : links[i - 1]).focus();
  }
  return true;
}
