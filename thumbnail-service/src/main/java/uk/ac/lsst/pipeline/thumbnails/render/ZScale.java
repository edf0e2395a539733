package uk.ac.lsst.pipeline.thumbnails.render;

import java.util.Arrays;

/**
 * The zscale display limits of IRAF's {@code display}, as astropy's {@code ZScaleInterval} computes them (same
 * parameters and the same steps, so the limits agree with astropy's to float precision):
 *
 * <ol>
 * <li>keep the finite pixels in row-major order and take every {@code stride}-th one, {@code stride =
 * max(1, floor(finite / nSamples))}, at most {@code nSamples} of them; sort them;</li>
 * <li>fit a straight line to the sorted samples against their index (least squares over the samples not yet
 * rejected); reject those further than {@code krej} standard deviations of the residuals from the line, and grow
 * every rejected sample to its neighbours (a window of {@code max(1, floor(0.01 npix))} samples); repeat at most
 * {@code maxIterations} times, stopping when no more samples are rejected or fewer than {@code minPixels =
 * max(minNpixels, floor(npix * maxReject))} remain;</li>
 * <li>if enough samples remain, divide the slope by {@code contrast} and take {@code vmin = max(min, median -
 * (centre - 1) * slope)}, {@code vmax = min(max, median + (npix - centre) * slope)} with {@code centre =
 * floor((npix - 1) / 2)}; otherwise the minimum and maximum of the samples.</li>
 * </ol>
 *
 * Defaults: {@code nSamples} 1000, {@code contrast} 0.25, {@code maxReject} 0.5, {@code minNpixels} 5,
 * {@code krej} 2.5, {@code maxIterations} 5. No allocation per call: the sample buffers are reused.
 * NOT THREAD-SAFE: one per thread.
 */
public final class ZScale {
    public static final int N_SAMPLES = 1000;
    public static final double CONTRAST = 0.25;
    public static final double MAX_REJECT = 0.5;
    public static final int MIN_NPIXELS = 5;
    public static final double KREJ = 2.5;
    public static final int MAX_ITERATIONS = 5;

    private final int nSamples;
    private final double contrast;
    private final float[] samples;
    private final boolean[] bad;
    private final boolean[] grown;
    private final double[] residuals;
    private final int[] keys;
    private final int[] keysTmp;
    private final int[] digitCounts = new int[256];
    private double fitSlope;
    private double fitIntercept;

    /** The astropy/IRAF defaults. */
    public ZScale() {
        this(N_SAMPLES, CONTRAST);
    }

    public ZScale(int nSamples, double contrast) {
        if (nSamples < 1) {
            throw new IllegalArgumentException("nSamples must be positive, got " + nSamples);
        }
        this.nSamples = nSamples;
        this.contrast = contrast;
        this.samples = new float[nSamples];
        this.bad = new boolean[nSamples];
        this.grown = new boolean[nSamples];
        this.residuals = new double[nSamples];
        this.keys = new int[nSamples];
        this.keysTmp = new int[nSamples];
    }

    /** The limits of the first {@code count} values of {@code data}; {@link Limits#NONE} if none is finite. */
    public Limits limits(float[] data, int count) {
        int npix = sample(data, count);
        if (npix == 0) {
            return Limits.NONE;
        }
        sort(samples, npix, keys, keysTmp, digitCounts);
        double vmin = samples[0];
        double vmax = samples[npix - 1];
        int minpix = Math.max(MIN_NPIXELS, (int) (npix * MAX_REJECT));
        int ngrow = Math.max(1, (int) (npix * 0.01));
        Arrays.fill(bad, 0, npix, false);
        int ngood = npix;
        int lastNgood = npix + 1;
        double slope = Double.NaN;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            if (ngood >= lastNgood || ngood < minpix) {
                break;
            }
            fitLine(npix);
            slope = fitSlope;
            reject(npix, fitSlope, fitIntercept);
            lastNgood = ngood;
            ngood = grow(npix, ngrow);
        }
        if (ngood >= minpix) {
            if (contrast > 0) {
                slope /= contrast;
            }
            int centre = (npix - 1) / 2;
            double median = (npix % 2 == 1) ? samples[npix / 2]
                    : ((double) samples[npix / 2 - 1] + samples[npix / 2]) / 2.0;
            vmin = Math.max(vmin, median - (centre - 1) * slope);
            vmax = Math.min(vmax, median + (npix - centre) * slope);
        }
        return new Limits(vmin, vmax);
    }

    /**
     * Sorts the first {@code n} samples (none NaN) into ascending order, as {@code Arrays.sort} does, by a radix
     * sort of their bits (a byte at a time, skipping bytes all samples share): no comparisons to mispredict.
     * {@code keys} and {@code keysTmp} hold at least n values, {@code digitCounts} 256.
     */
    static void sort(float[] samples, int n, int[] keys, int[] keysTmp, int[] digitCounts) {
        int[] a = keys;
        int[] b = keysTmp;
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(samples[i]);
            // ascending as unsigned ints: negatives reversed below the positives (-0.0 before 0.0)
            a[i] = bits ^ ((bits >> 31) | Integer.MIN_VALUE);
        }
        for (int shift = 0; shift < 32; shift += 8) {
            int[] counts = digitCounts;
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(a[i] >>> shift) & 0xff]++;
            }
            if (counts[(a[0] >>> shift) & 0xff] == n) {
                continue;
            }
            int total = 0;
            for (int d = 0; d < 256; d++) {
                int c = counts[d];
                counts[d] = total;
                total += c;
            }
            for (int i = 0; i < n; i++) {
                int key = a[i];
                b[counts[(key >>> shift) & 0xff]++] = key;
            }
            int[] t = a;
            a = b;
            b = t;
        }
        for (int i = 0; i < n; i++) {
            int key = a[i];
            samples[i] = Float.intBitsToFloat(key < 0 ? key ^ Integer.MIN_VALUE : ~key);
        }
    }

    /** Copies every stride-th finite value into {@link #samples}; returns how many. */
    private int sample(float[] data, int count) {
        int finite = 0;
        for (int i = 0; i < count; i++) {
            if (Float.isFinite(data[i])) {
                finite++;
            }
        }
        if (finite == 0) {
            return 0;
        }
        int stride = (int) Math.max(1.0, (double) finite / nSamples);
        int n = 0;
        int untilNext = 0; // finite values to pass before the next sample (a countdown, not index % stride)
        for (int i = 0; i < count && n < nSamples; i++) {
            float v = data[i];
            if (Float.isFinite(v)) {
                if (untilNext == 0) {
                    samples[n++] = v;
                    untilNext = stride;
                }
                untilNext--;
            }
        }
        return n;
    }

    /** Least-squares line through the good samples against their index, into fitSlope and fitIntercept. */
    private void fitLine(int npix) {
        // x centred on the middle index keeps the sums small; one pass
        double centre = (npix - 1) / 2.0;
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < npix; i++) {
            if (!bad[i]) {
                double x = i - centre;
                double y = samples[i];
                n++;
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
        }
        double denominator = n * sxx - sx * sx;
        fitSlope = denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
        fitIntercept = (sy - fitSlope * sx) / n - fitSlope * centre;
    }

    /** Flags samples further than KREJ standard deviations (of the good samples' residuals) from the line. */
    private void reject(int npix, double slope, double intercept) {
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int i = 0; i < npix; i++) {
            double r = samples[i] - (intercept + slope * i);
            residuals[i] = r;
            if (!bad[i]) {
                sum += r;
                sumSq += r * r;
                n++;
            }
        }
        double mean = sum / n;
        double threshold = KREJ * Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        for (int i = 0; i < npix; i++) {
            double r = residuals[i];
            bad[i] |= r < -threshold || r > threshold;
        }
    }

    /**
     * Grows rejections as numpy's {@code convolve(bad, ones(ngrow), mode="same")}: sample i becomes bad when any
     * of samples {@code [i - ngrow/2, i + (ngrow-1)/2]} is. Returns the number of good samples left.
     */
    private int grow(int npix, int ngrow) {
        int before = ngrow / 2;
        int after = (ngrow - 1) / 2;
        // sliding count of bad samples in the window
        int inWindow = 0;
        for (int j = 0; j <= Math.min(after, npix - 1); j++) {
            if (bad[j]) {
                inWindow++;
            }
        }
        int good = 0;
        for (int i = 0; i < npix; i++) {
            boolean g = inWindow > 0;
            grown[i] = g;
            if (!g) {
                good++;
            }
            int leaving = i - before;
            if (leaving >= 0 && bad[leaving]) {
                inWindow--;
            }
            int entering = i + after + 1;
            if (entering < npix && bad[entering]) {
                inWindow++;
            }
        }
        System.arraycopy(grown, 0, bad, 0, npix);
        return good;
    }
}
