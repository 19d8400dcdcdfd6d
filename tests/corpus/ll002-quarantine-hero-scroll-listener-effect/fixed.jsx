import React, { useEffect, useState } from 'react';

function createEventListener(target, event, handler) {
  target.addEventListener(event, handler);
  return () => target.removeEventListener(event, handler);
}

export default function ArrowDown({ href }) {
  const [visible, setVisible] = useState(false);
  const [opacity, setOpacity] = useState(1);
  const hideOffset = 100;

  useEffect(() => {
    setVisible(window.pageYOffset < hideOffset);
    return createEventListener(window, 'scroll', () => {
      setVisible(window.pageYOffset < hideOffset);
      setOpacity((hideOffset - window.pageYOffset) / hideOffset);
    });
  }, []);

  if (!visible) return null;
  return (
    <a href={href} style={{ opacity }} className="arrow-down">
      more
    </a>
  );
}
