import { useEffect, useState } from 'react';

const ipc = window.electron.ipcRenderer;

export const VideoPlayer = (props: { video: { videoSource: string } }) => {
  const [playing, setPlaying] = useState(false);

  // The main process pauses the player when a recording starts.
  useEffect(() => {
    ipc.removeAllListeners('pausePlayer');
    ipc.on('pausePlayer', () => setPlaying(false));
  }, []);

  return <video src={props.video.videoSource} autoPlay={playing} onClick={() => setPlaying(!playing)} />;
};

export default function Player(props: { videos: { videoSource: string }[]; index: number }) {
  const video = props.videos[props.index];
  return <VideoPlayer key={video.videoSource} video={video} />;
}
