// The self-study site's only script: formulas inside a folded answer are laid out again
// when the answer is opened (MathJax measures nothing while an element is hidden).
document.querySelectorAll("details.answer").forEach(function (details) {
  details.addEventListener("toggle", function () {
    if (details.open && window.MathJax && window.MathJax.Hub) {
      window.MathJax.Hub.Queue(["Rerender", window.MathJax.Hub, details]);
    }
  });
});
