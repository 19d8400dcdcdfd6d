'use strict';

crop.directive('imgCrop', ['$timeout', 'cropHost', 'cropPubSub', function ($timeout, CropHost, CropPubSub) {
  return {
    restrict: 'E',
    scope: { image: '=', resultImage: '=', changeOnFly: '=', onChange: '&', onLoadBegin: '&', onLoadDone: '&' },
    template: '<canvas></canvas>',
    controller: ['$scope', function ($scope) {
      $scope.events = new CropPubSub();
    }],
    link: function (scope, element) {
      var events = scope.events;
      var cropHost = new CropHost(element.find('canvas'), {}, events);
      var storedResultImage;

      var updateResultImage = function (scope) {
        var resultImage = cropHost.getResultImageDataURI();
        if (storedResultImage !== resultImage) {
          storedResultImage = resultImage;
          scope.resultImage = resultImage;
          scope.onChange({ $dataURI: scope.resultImage });
        }
      };

      var fnSafeApply = function (fn) {
        return function () {
          $timeout(function () {
            scope.$apply(function (scope) { fn(scope); });
          });
        };
      };

      events
        .on('load-start', fnSafeApply(function (scope) { scope.onLoadBegin({}); }))
        .on('load-done', fnSafeApply(function (scope) { scope.onLoadDone({}); }))
        .on('area-move area-resize', fnSafeApply(function (scope) {
          if (scope.changeOnFly) { updateResultImage(scope); }
        }))
        .on('area-move-end area-resize-end image-updated', fnSafeApply(function (scope) {
          updateResultImage(scope);
        }));

      scope.$watch('image', function () {
        cropHost.setNewImageSource(scope.image);
      });

      scope.$on('$destroy', function () {
        cropHost.destroy();
      });
    }
  };
}]);
