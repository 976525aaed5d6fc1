import { fireEvent } from '@testing-library/preact';

// The overlay acts only on events the browser marks trusted (the user's own), which happy-dom does
// not model: these mark them so, as a real click or key press would be.

export function userClick(element: Element) {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  fireEvent(element, event);
}

/** A key pressed by the user, or (trusted false) one a page's script dispatched. */
export function userKey(element: Element, key: string, trusted = true) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: trusted });
  fireEvent(element, event);
}
