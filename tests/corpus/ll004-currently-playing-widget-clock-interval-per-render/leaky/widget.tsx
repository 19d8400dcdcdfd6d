import dayjs from "dayjs";
import { useState } from "react";
import { useLastFM } from "use-last-fm";
import { useLocation } from "react-router-dom";
import { Column, TimeText } from "./styles";

interface WidgetProps {
  username?: string;
  token?: string;
  timeColor?: string;
  showTime?: boolean;
}

const Widget = ({ username, token, timeColor, showTime }: WidgetProps) => {
  const [time, setTime] = useState("");
  const { search } = useLocation();
  const params = new URLSearchParams(search);

  const isShowTime = showTime === false || params.get("showTime") === "false";

  const lastFM = useLastFM(username || params.get("username") || "", token || params.get("token") || "");

  if (!isShowTime)
    // expect: LL004
    setInterval(() => {
      setTime(dayjs().format("H:mm:ss"));
    }, 1000);

  return (
    <Column position={params.get("position") || "middle"}>
      {!isShowTime && <TimeText color={timeColor || "e4416c"}>{time || "..:..:.."}</TimeText>}
      <p>{lastFM.status === "playing" ? lastFM.song.name : dayjs().format("dddd D. MMM")}</p>
    </Column>
  );
};

export default Widget;
