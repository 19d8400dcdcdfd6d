import React, { useEffect, useState } from 'react';

function ScrollToTop() {
  const [visible, setVisible] = useState(false);

  const handleScroll = () => {
    setVisible(window.scrollY > 500);
  };

  useEffect(() => {
    // expect: LL002
    const scrollListener = window.addEventListener('scroll', handleScroll);
    return () => window.removeEventListener('scroll', scrollListener);
  }, []);

  if (!visible) return null;
  return (
    <button className="scroll-top" onClick={() => window.scrollTo({ top: 0, behavior: 'smooth' })}>
      Top
    </button>
  );
}

export default ScrollToTop;
