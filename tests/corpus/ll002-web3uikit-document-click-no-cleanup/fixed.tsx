import React, { useEffect, useRef, useState } from 'react';

export interface PopoverProps {
  children: React.ReactNode;
  content: React.ReactNode;
}

export const Popover: React.FC<PopoverProps> = ({ children, content }) => {
  const [isOpen, setIsOpen] = useState(false);
  const wrapperRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const handleContentClick = (event: MouseEvent) => {
      if (wrapperRef.current && !wrapperRef.current.contains(event.target as Node)) {
        setIsOpen(false);
      }
    };
    document.addEventListener('click', handleContentClick);
    return () => document.removeEventListener('click', handleContentClick);
  }, []);

  return (
    <div ref={wrapperRef} onClick={() => setIsOpen(!isOpen)}>
      {children}
      {isOpen && <div className="popover-content">{content}</div>}
    </div>
  );
};
