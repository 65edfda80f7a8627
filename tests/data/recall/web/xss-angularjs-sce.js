angular.module('app').controller('MessageCtrl', ['$scope', '$sce', '$location',
  function ($scope, $sce, $location) {
    var msg = $location.search().msg;
    $scope.message = $sce.trustAsHtml(msg);
  }]);
