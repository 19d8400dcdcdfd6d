angular.module('Aggie')

.controller('AnalysisController', [
  '$scope',
  'Socket',
  function ($scope, Socket) {
    var updateStats = function (stats) {
      $scope.stats = stats;
    };

    var init = function () {
      // expect: LL002
      Socket.on('stats', updateStats);
      Socket.join('stats');
    };

    init();
  },
]);
