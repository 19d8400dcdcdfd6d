import ReactModal2 from './Modal';
export default ReactModal2;
