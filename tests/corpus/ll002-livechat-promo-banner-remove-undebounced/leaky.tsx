import * as React from 'react';
import debounce from 'lodash.debounce';

import styles from './PromoBanner.module.scss';

const SMALL_CONTAINER_WIDTH_TRESHOLD = 400;
const LARGE_CONTAINER_WIDTH_TRESHOLD = 800;
const RESIZE_DEBOUNCE_TRESHOLD = 500;

export interface PromoBannerProps {
  header: string;
  onClose?: () => void;
}

export const PromoBanner: React.FC<React.PropsWithChildren<PromoBannerProps>> = ({
  header,
  children,
  onClose,
}) => {
  const containerRef = React.useRef<HTMLDivElement>(null);
  const [containerSize, setContainerSize] = React.useState<'small' | 'medium' | 'large'>('medium');

  React.useEffect(() => {
    const handleResize = () => {
      const width = containerRef.current ? containerRef.current.offsetWidth : 0;
      if (width <= SMALL_CONTAINER_WIDTH_TRESHOLD) return setContainerSize('small');
      if (width >= LARGE_CONTAINER_WIDTH_TRESHOLD) return setContainerSize('large');
      return setContainerSize('medium');
    };

    const debouncedHandleResize = debounce(handleResize, RESIZE_DEBOUNCE_TRESHOLD);
    // expect: LL002
    window.addEventListener('resize', debouncedHandleResize);
    handleResize();

    return () => {
      debouncedHandleResize.cancel();
      window.removeEventListener('resize', handleResize);
    };
  }, []);

  return (
    <div ref={containerRef} className={styles[`promo-banner--${containerSize}`]}>
      <div>{header}</div>
      {children}
      {onClose && <button type="button" onClick={onClose}>x</button>}
    </div>
  );
};
