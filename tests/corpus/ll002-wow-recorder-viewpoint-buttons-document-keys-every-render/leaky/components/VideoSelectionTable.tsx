import ViewpointButtons from './ViewpointButtons';

interface RendererVideo {
  uniqueId: string;
  name: string;
}

export default function VideoSelectionTable(props: { videos: RendererVideo[]; onDelete: (v: RendererVideo) => void }) {
  const { videos, onDelete } = props;
  return (
    <table>
      <tbody>
        {videos.map((video) => (
          <tr key={video.uniqueId}>
            <td>{video.name}</td>
            <td>
              <ViewpointButtons video={video} onDelete={onDelete} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
