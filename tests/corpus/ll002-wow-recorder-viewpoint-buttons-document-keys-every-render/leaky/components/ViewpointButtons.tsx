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
    // expect: LL002
    document.addEventListener('keyup', (event: KeyboardEvent) => {
      if (event.key === 'Control') {
        setCtrlDown(false);
      }
    });

    // expect: LL002
    document.addEventListener('keydown', (event: KeyboardEvent) => {
      if (event.key === 'Control') {
        setCtrlDown(true);
      }
    });
  });

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
