const x = location.hash.slice(1);
$(x).appendTo('#out');
$.parseHTML(x);
$('#out').append($(decodeURIComponent(x)));
