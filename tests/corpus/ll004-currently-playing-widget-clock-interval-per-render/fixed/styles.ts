import styled from "styled-components";

export const Column = styled.div<{ position: string }>`
  display: flex;
  flex-direction: column;
  justify-content: ${(p) => (p.position === "top" ? "flex-start" : "center")};
`;

export const TimeText = styled.span<{ color: string }>`
  color: #${(p) => p.color};
`;
