import { useEffect, useState } from "react";

const ScanningComponent = ({ scanningMessage }) => {
  const [urlItems, setUrlItems] = useState([]);
  const [pagesScanned, setPagesScanned] = useState(0);
  const [displayPageNum, setDisplayPageNum] = useState(0);
  const [scanCompleted, setScanCompleted] = useState(false);
  const [isGeneratingReport, setIsGeneratingReport] = useState(false);

  useEffect(() => {
    window.services.generatingReport(() => {
      setIsGeneratingReport(true);
    });
  }, []);

  useEffect(() => {
    if (!scanCompleted) {
      window.services.scanningUrl((urlItem) => {
        if (urlItem.status === "scanned") {
          setDisplayPageNum(urlItem.urlScannedNum);
          setPagesScanned(urlItem.urlScannedNum);
        } else {
          setDisplayPageNum(pagesScanned);
        }
        setUrlItems([urlItem, ...urlItems].slice(0, 50));
      });

      window.services.scanningCompleted(() => {
        setDisplayPageNum(pagesScanned);
        setScanCompleted(true);
      });
    }
  });

  return (
    <div>
      <p>{isGeneratingReport ? "Generating report" : scanningMessage}</p>
      <p>{displayPageNum} pages</p>
      <ul>
        {urlItems.map((item, index) => (
          <li key={index}>{item.url}</li>
        ))}
      </ul>
    </div>
  );
};

export default ScanningComponent;
