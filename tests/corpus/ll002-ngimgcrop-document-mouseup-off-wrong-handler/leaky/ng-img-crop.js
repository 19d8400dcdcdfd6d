'use strict';

crop.directive('imgCrop', ['cropHost', 'cropPubSub', function (CropHost, CropPubSub) {
  return {
    restrict: 'E',
    scope: { image: '=', resultImage: '=' },
    template: '<canvas></canvas>',
    controller: ['$scope', function ($scope) {
      $scope.events = new CropPubSub();
    }],
    link: function (scope, element) {
      var cropHost = new CropHost(element.find('canvas'), {}, scope.events);

      scope.$watch('image', function () {
        cropHost.setNewImageSource(scope.image);
      });

      scope.$on('$destroy', function () {
        cropHost.destroy();
      });
    }
  };
}]);
