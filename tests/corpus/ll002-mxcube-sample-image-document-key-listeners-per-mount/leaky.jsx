import React from 'react';
import 'fabric';
const fabric = window.fabric;

export default class SampleImage extends React.Component {

  constructor(props) {
    super(props);
    this.setImageRatio = this.setImageRatio.bind(this);
    this.canvas = {};
    this.state = { keyPressed: null };
  }

  componentDidMount() {
    // Create fabric and set image background to sample
    this.canvas = new fabric.Canvas('canvas', { defaultCursor: 'crosshair' });
    this.canvas.on('mouse:down', (option) => this.leftClick(option));

    const imageOverlay = document.getElementById('insideWrapper');
    imageOverlay.addEventListener('wheel', (e) => this.wheel(e), false);

    this.setImageRatio();

    // Add so that the canvas will resize if the window changes size
    window.addEventListener('resize', this.setImageRatio);
    // expect: LL002
    document.addEventListener('keydown', (event) => {
      if (!this.state.keyPressed) {
        this.setState({ keyPressed: event.key });
      }
    }, false);

    // expect: LL002
    document.addEventListener('keyup', () => {
      this.setState({ keyPressed: null });
    }, false);
  }

  componentWillUnmount() {
    // Important to remove listener if component isn't active
    window.removeEventListener('resize', this.setImageRatio);
  }

  setImageRatio() {
    this.props.sampleActions.setImageRatio(document.getElementById('outsideWrapper').clientWidth);
  }

  leftClick(option) {
    this.props.sampleActions.addPoint(option.e.layerX, option.e.layerY, this.state.keyPressed);
  }

  wheel(e) {
    e.preventDefault();
  }

  render() {
    return (
      <div id="outsideWrapper">
        <div id="insideWrapper">
          <canvas id="canvas" />
        </div>
      </div>
    );
  }
}
