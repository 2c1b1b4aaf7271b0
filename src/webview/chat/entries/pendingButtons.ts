/**
 * A card's buttons while its answer is on the way: marked unavailable (aria-disabled) rather than
 * disabled, because a disabled button drops the keyboard focus, and the person who answered should
 * stay on the card when it is redrawn with their answer.
 */

export function pending(buttons: readonly HTMLButtonElement[]): boolean {
  return buttons.some((each) => each.getAttribute('aria-disabled') === 'true');
}

export function setPending(buttons: readonly HTMLButtonElement[], value: boolean): void {
  for (const each of buttons) {
    if (value) each.setAttribute('aria-disabled', 'true');
    else each.removeAttribute('aria-disabled');
  }
}
