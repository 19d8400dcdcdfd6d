import { useEffect, useState } from 'react';

interface IProps {
  video: { uniqueId: string; name: string };
  onDelete: (video: { uniqueId: string; name: string }) => void;
}

export default function ViewpointButtons(props: IProps) {
  const { video, onDelete } = props;
  const [ctrlDown, setCtrlDown] = useState<boolean>(false);
  const [confirming, setConfirming] = useState<boolean>(false);

  // Holding CTRL skips the "are you sure?" prompt.
  useEffect(() => {
    const handleKeyUp = (event: KeyboardEvent) => {
      if (event.key === 'Control') setCtrlDown(false);
    };
    const handleKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Control') setCtrlDown(true);
    };

    document.addEventListener('keyup', handleKeyUp);
    document.addEventListener('keydown', handleKeyDown);

    return () => {
      document.removeEventListener('keyup', handleKeyUp);
      document.removeEventListener('keydown', handleKeyDown);
    };
  }, []);

  const onDeleteClick = () => {
    if (ctrlDown) onDelete(video);
    else setConfirming(true);
  };

  return (
    <div>
      <button onClick={onDeleteClick}>Delete</button>
      {confirming && <button onClick={() => onDelete(video)}>Confirm</button>}
    </div>
  );
}
