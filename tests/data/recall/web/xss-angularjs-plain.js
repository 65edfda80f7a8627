angular.module('app').controller('MessageCtrl', ['$scope', '$location',
  function ($scope, $location) {
    var msg = $location.search().msg;
    $scope.message = msg;
  }]);
