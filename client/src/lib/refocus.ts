/**
 * For a control that goes away through its own use (disabled while busy, then removed when the
 * change arrives): whenever the focus falls to the page, put it on `target`, so a keyboard user
 * carries on from there instead of from the top. The target may itself be drawn again when the
 * server's answer lands, so this watches for `within` milliseconds, and stops as soon as the focus
 * is somewhere else (the user moved on).
 */
export function refocusWhenLost(from: Element, target: () => HTMLElement | null | undefined, within = 3_000): void {
  const until = performance.now() + within;
  let placed: HTMLElement | null = null;
  const check = () => {
    const active = document.activeElement;
    if (!active || active === document.body) {
      const element = target();
      if (element) {
        element.focus();
        placed = element;
      }
    } else if (active !== from && active !== placed) return;
    if (performance.now() < until) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}
