// What the phone is, where the guide must say something different.

// An iPhone or iPad: no install prompt and no web push in a browser tab. An iPad says it
// is a Mac; a Mac has no touch screen.
export const isIOS = () =>
  /iphone|ipad|ipod/i.test(navigator.userAgent) ||
  (/mac/i.test(navigator.platform) && navigator.maxTouchPoints > 1);
