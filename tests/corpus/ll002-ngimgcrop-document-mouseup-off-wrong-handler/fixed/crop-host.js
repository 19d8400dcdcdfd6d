'use strict';

crop.factory('cropHost', ['$document', 'cropAreaCircle', function ($document, CropAreaCircle) {
  return function (elCanvas, opts, events) {
    var ctx = elCanvas[0].getContext('2d');
    var theArea = new CropAreaCircle(ctx, events);
    var image = null;

    var onMouseMove = function (e) {
      theArea.processMouseMove(e.pageX, e.pageY);
    };
    var onMouseDown = function (e) {
      e.preventDefault();
      theArea.processMouseDown(e.pageX, e.pageY);
    };
    var onMouseUp = function (e) {
      theArea.processMouseUp(e.pageX, e.pageY);
      events.trigger('area-move-end');
    };

    this.setNewImageSource = function (src) {
      image = new Image();
      image.src = src;
      theArea.setImage(image);
    };

    $document.on('mousemove', onMouseMove);
    elCanvas.on('mousedown', onMouseDown);
    $document.on('mouseup', onMouseUp);

    $document.on('touchmove', onMouseMove);
    elCanvas.on('touchstart', onMouseDown);
    $document.on('touchend', onMouseUp);

    this.destroy = function () {
      $document.off('mousemove', onMouseMove);
      elCanvas.off('mousedown', onMouseDown);
      $document.off('mouseup', onMouseUp);

      $document.off('touchmove', onMouseMove);
      elCanvas.off('touchstart', onMouseDown);
      $document.off('touchend', onMouseUp);

      elCanvas.remove();
    };
  };
}]);
