import { useEffect, useRef, useState } from 'react';

const ipc = window.electron.ipcRenderer;

interface IProps {
  video: { videoSource: string };
}

export const VideoPlayer = (props: IProps) => {
  const { video } = props;
  const player = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);

  // The window grabs media keys even when unfocused, so swap the
  // handlers as the window gains and loses focus.
  useEffect(() => {
    ipc.on('window-focus-status', (arg: unknown) => {
      const focused = arg as boolean;
      if (focused) {
        navigator.mediaSession.setActionHandler('play', null);
        navigator.mediaSession.setActionHandler('pause', null);
      } else {
        navigator.mediaSession.setActionHandler('play', () => {});
        navigator.mediaSession.setActionHandler('pause', () => {});
      }
    });
    return () => {
      ipc.removeAllListeners('window-focus-status');
    };
  }, []);

  useEffect(() => {
    ipc.removeAllListeners('pausePlayer');
    ipc.on('pausePlayer', () => setPlaying(false));
  }, []);

  return (
    <video ref={player} src={video.videoSource} autoPlay={playing} onClick={() => setPlaying(!playing)} />
  );
};
