angular.module('app').directive('banner', ['$compile', '$routeParams', function ($compile, $routeParams) {
  return {
    link: function (scope, element) {
      scope.title = $routeParams.title;
      element.append($compile('<div class="banner">{{title}}</div>')(scope));
    },
  };
}]);
