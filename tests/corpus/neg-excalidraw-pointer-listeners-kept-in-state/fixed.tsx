type PointerDownState = {
  origin: { x: number; y: number };
  eventListeners: {
    onMove: null | ((event: PointerEvent) => void);
    onUp: null | ((event: PointerEvent) => void);
    onKeyDown: null | ((event: KeyboardEvent) => void);
  };
};

export class Canvas {
  private dragging = false;

  handleCanvasPointerDown = (event: PointerEvent) => {
    const pointerDownState: PointerDownState = {
      origin: { x: event.clientX, y: event.clientY },
      eventListeners: { onMove: null, onUp: null, onKeyDown: null },
    };
    const onPointerMove = this.onPointerMoveFromPointerDownHandler(pointerDownState);
    const onPointerUp = this.onPointerUpFromPointerDownHandler(pointerDownState);
    const onKeyDown = this.onKeyDownFromPointerDownHandler(pointerDownState);

    window.addEventListener("pointermove", onPointerMove);
    window.addEventListener("pointerup", onPointerUp);
    window.addEventListener("keydown", onKeyDown);
    pointerDownState.eventListeners.onMove = onPointerMove;
    pointerDownState.eventListeners.onUp = onPointerUp;
    pointerDownState.eventListeners.onKeyDown = onKeyDown;
  };

  private onPointerMoveFromPointerDownHandler(pointerDownState: PointerDownState) {
    return (event: PointerEvent) => {
      this.dragging = event.clientX !== pointerDownState.origin.x;
    };
  }

  private onKeyDownFromPointerDownHandler(pointerDownState: PointerDownState) {
    return (event: KeyboardEvent) => {
      if (event.key === "Escape") this.dragging = pointerDownState.origin.x < 0;
    };
  }

  private onPointerUpFromPointerDownHandler(pointerDownState: PointerDownState) {
    return (_event: PointerEvent) => {
      this.dragging = false;
      window.removeEventListener("pointermove", pointerDownState.eventListeners.onMove!);
      window.removeEventListener("pointerup", pointerDownState.eventListeners.onUp!);
      window.removeEventListener("keydown", pointerDownState.eventListeners.onKeyDown!);
    };
  }
}
