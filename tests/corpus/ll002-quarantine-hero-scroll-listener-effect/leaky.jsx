import React, { useEffect, useState } from 'react';

export default function ArrowDown({ href }) {
  const [visible, setVisible] = useState(false);
  const [opacity, setOpacity] = useState(1);
  const hideOffset = 100;

  useEffect(() => {
    // expect: LL002
    window.addEventListener('scroll', () => {
      setVisible(window.pageYOffset < hideOffset);
      setOpacity((hideOffset - window.pageYOffset) / hideOffset);
    });
    setVisible(window.pageYOffset < hideOffset);
  }, []);

  if (!visible) return null;
  return (
    <a href={href} style={{ opacity }} className="arrow-down">
      more
    </a>
  );
}
