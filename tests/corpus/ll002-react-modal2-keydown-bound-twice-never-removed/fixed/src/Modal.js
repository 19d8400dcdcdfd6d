import React from 'react';
import focusScope from 'a11y-focus-scope';
import focusStore from 'a11y-focus-store';
import ExecutionEnvironment from 'exenv';

function setFocusOn(applicationElement, element) {
  focusStore.storeFocus();
  if (applicationElement) applicationElement.setAttribute('aria-hidden', 'true');
  focusScope.scopeFocus(element);
}

function resetFocus(applicationElement) {
  focusScope.unscopeFocus();
  if (applicationElement) applicationElement.removeAttribute('aria-hidden');
  focusStore.restoreFocus();
}

export default class ReactModal2 extends React.Component {
  static getApplicationElement() {
    console.warn('`ReactModal2.getApplicationElement` needs to be set for accessibility reasons');
  }

  static defaultProps = {
    closeOnEsc: true,
    closeOnBackdropClick: true
  };

  componentDidMount() {
    if (ExecutionEnvironment.canUseDOM) {
      setFocusOn(ReactModal2.getApplicationElement(), this.refs.modal);
      document.addEventListener('keydown', this.handleDocumentKeydown);
    }
  }

  componentWillUnmount() {
    if (ExecutionEnvironment.canUseDOM) {
      resetFocus(ReactModal2.getApplicationElement());
      document.removeEventListener('keydown', this.handleDocumentKeydown);
    }
  }

  handleDocumentKeydown = event => {
    if (this.props.closeOnEsc && event.keyCode === 27) {
      this.props.onClose();
    }
  }

  handleBackdropClick = () => {
    if (this.props.closeOnBackdropClick) {
      this.props.onClose();
    }
  }

  render() {
    return (
      <div ref="backdrop" className={this.props.backdropClassName} onClick={this.handleBackdropClick}>
        <div ref="modal" className={this.props.modalClassName} tabIndex="-1">
          {this.props.children}
        </div>
      </div>
    );
  }
}
