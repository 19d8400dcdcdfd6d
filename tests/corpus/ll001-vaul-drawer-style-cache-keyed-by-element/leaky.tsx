import * as DialogPrimitive from '@radix-ui/react-dialog';
import React, { useEffect } from 'react';

const TRANSITIONS = { DURATION: 0.5, EASE: [0.32, 0.72, 0, 1] };

// expect: LL001
const cache = new Map();

interface Style {
  [key: string]: string;
}

function set(el?: Element | HTMLElement | null, styles?: Style, ignoreCache = false) {
  if (!el || !(el instanceof HTMLElement) || !styles) return;
  const originalStyles: Style = {};
  Object.entries(styles).forEach(([key, value]: [string, string]) => {
    originalStyles[key] = (el.style as any)[key];
    (el.style as any)[key] = value;
  });
  if (ignoreCache) return;
  cache.set(el, originalStyles);
}

function reset(el: Element | HTMLElement | null, prop?: string) {
  if (!el || !(el instanceof HTMLElement)) return;
  const originalStyles = cache.get(el);
  if (!originalStyles) {
    (el.style as any) = {};
    return;
  }
  if (prop) {
    (el.style as any)[prop] = originalStyles[prop];
  } else {
    Object.entries(originalStyles).forEach(([key, value]) => {
      (el.style as any)[key] = value;
    });
  }
}

export function Root({ open: openProp, onOpenChange, children }: { open?: boolean; onOpenChange?: (o: boolean) => void; children?: React.ReactNode }) {
  const [isOpen, setIsOpen] = React.useState<boolean>(false);
  const drawerRef = React.useRef<HTMLDivElement>(null);
  const pointerStartY = React.useRef(0);

  function onPress(event: React.PointerEvent<HTMLDivElement>) {
    pointerStartY.current = event.clientY;
  }

  function onRelease(event: React.PointerEvent<HTMLDivElement>) {
    const swipeAmount = event.clientY - pointerStartY.current;
    if (swipeAmount > 100) {
      setIsOpen(false);
      onOpenChange?.(false);
      return;
    }
    set(drawerRef.current, {
      transform: 'translateY(0px)',
      transition: `transform ${TRANSITIONS.DURATION}s cubic-bezier(${TRANSITIONS.EASE.join(',')})`,
    });
  }

  useEffect(() => {
    if (isOpen) {
      set(drawerRef.current, { transition: 'none', transform: 'translateY(100%)' }, true);
      requestAnimationFrame(() => reset(drawerRef.current, 'transform'));
    }
  }, [isOpen]);

  useEffect(() => {
    if (openProp !== undefined) setIsOpen(openProp);
  }, [openProp]);

  return (
    <DialogPrimitive.Root open={isOpen} onOpenChange={(o) => { setIsOpen(o); onOpenChange?.(o); }}>
      <DialogPrimitive.Content ref={drawerRef} onPointerDown={onPress} onPointerUp={onRelease}>
        {children}
      </DialogPrimitive.Content>
    </DialogPrimitive.Root>
  );
}
