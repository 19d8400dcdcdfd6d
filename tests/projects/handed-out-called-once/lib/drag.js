// A drag helper: every call adds a document listener and a move callback for its element.
const moves = [];
document.addEventListener('mousemove', (e) => {
  for (const move of moves) move(e.clientX, e.clientY);
});

export function makeDraggable(target) {
  document.addEventListener('mouseup', () => {
    target.classList.remove('dragging');
  });
  moves.push((x, y) => {
    target.style.left = x + 'px';
    target.style.top = y + 'px';
  });
}
