type Ref = null | (() => Element | null);

type ElementLocation = {
  current: Ref;
  parent: Ref;
  left: Ref;
  right: Ref;
};

function weakRef(value: Element | null): Ref {
  if (!value) return null;
  const w = value ? new WeakRef(value) : null;
  return () => w?.deref() || null;
}

export const recordElementLocation = (element: Element | null) => {
  if (!element) return null;
  const stack: ElementLocation[] = [];
  let currentElement: Element | null = element;
  while (currentElement && currentElement !== document.body) {
    stack.push({
      current: weakRef(currentElement),
      parent: weakRef(currentElement.parentElement),
      left: weakRef(currentElement.previousElementSibling),
      right: weakRef(currentElement.nextElementSibling),
    });
    currentElement = currentElement.parentElement;
  }
  return { element: weakRef(element), stack, ownerDocument: element.ownerDocument };
};
