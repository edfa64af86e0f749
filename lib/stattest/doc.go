// Package stattest computes the p-values of the three hypothesis tests the
// typology uses (typology.md §4.5.1, §4.5.2, §4.11.1):
//
//   - ADF: augmented Dickey–Fuller, constant only, lag length by AIC, with
//     MacKinnon's (1994) approximate p-value, as statsmodels
//     adfuller(x, regression="c", autolag="AIC");
//   - KPSS: level stationarity with Hobijn's automatic bandwidth and the
//     tabulated p-value, as statsmodels kpss(x, regression="c", nlags="auto");
//   - ARCH: Engle's Lagrange-multiplier test with 12 lags on the squares of
//     the demeaned series, as statsmodels het_arch(x-mean(x), nlags=12).
//
// Every regression is solved by Householder QR (never the normal
// equations: a pure tone satisfies an exact recurrence and its residual sum
// of squares is rounding noise that the Gram matrix would lose). The
// factorisation absorbs the design a block of rows at a time, so no design
// matrix is ever held whole, and the fixed row and column order keeps the
// results bit-identical from run to run.
//
// Long sums use Neumaier compensated summation in index order. Numeric
// kernels write float64(a*b) + c so that no compiler fuses a multiply-add
// (typology.md §9.4). Nothing here starts goroutines.
package stattest
