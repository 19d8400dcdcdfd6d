import { useState } from 'react';
import { VideoPlayer } from './VideoPlayer';

interface RendererVideo {
  videoSource: string;
  name: string;
}

export default function CategoryPage(props: { videos: RendererVideo[] }) {
  const { videos } = props;
  const [playing, setPlaying] = useState<RendererVideo | undefined>(videos[0]);

  return (
    <div>
      {playing && <VideoPlayer key={playing.videoSource} video={playing} />}
      <ul>
        {videos.map((v) => (
          <li key={v.videoSource} onClick={() => setPlaying(v)}>
            {v.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
