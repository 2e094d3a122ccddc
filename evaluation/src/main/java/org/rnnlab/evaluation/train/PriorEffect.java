package org.rnnlab.evaluation.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code --calibrate prior} (dividing each class's probability by its training weight) did to the validation split's
 * argmax decisions: how many sequences changed predicted class, how many of those went from a wrong class to the right one
 * and from the right one to a wrong one, and the accuracy, macro-F1 and each class's recall before and after. A trial's
 * calibration line said "log-loss 0.5084 to 0.0970, and 10 validation sequence(s) changed predicted class" where all 10 went
 * from right to wrong: macro-F1 1.0000 to 0.6045, 'V' recall 31/31 to 22/31 (trial 80e F2). Written to results.json
 * ({@code priorEffect}) and said on train's calibration line.
 *
 * @param moved          validation sequences whose predicted class the correction changed
 * @param toRight        of those, the ones now predicted right (wrong before)
 * @param toWrong        of those, the ones now predicted wrong (right before)
 * @param accuracyBefore validation accuracy of the uncorrected probabilities (those the epoch was chosen on)
 * @param accuracyAfter  validation accuracy of the corrected ones (those predict, evaluate and serve use)
 * @param macroF1Before  validation macro-F1 of the uncorrected probabilities
 * @param macroF1After   validation macro-F1 of the corrected ones
 * @param recalls        each class's validation sequences recalled before and after, in label order
 */
public record PriorEffect(int moved, int toRight, int toWrong, double accuracyBefore, double accuracyAfter,
                          double macroF1Before, double macroF1After, List<ClassRecall> recalls) {

    /**
     * One class's recall on the validation split before and after the correction.
     *
     * @param label       the class
     * @param support     its validation sequences
     * @param rightBefore those predicted as it before the correction
     * @param rightAfter  those predicted as it after
     */
    public record ClassRecall(String label, int support, int rightBefore, int rightAfter) {
    }

    public PriorEffect {
        recalls = List.copyOf(recalls);
    }

    /**
     * The effect of the correction on sequences of true classes {@code actual}, predicted {@code before} (uncorrected) and
     * {@code after} (corrected), with the two macro-F1s as the evaluation computes them.
     */
    public static PriorEffect of(List<String> labels, int[] actual, int[] before, int[] after, double macroF1Before,
                                 double macroF1After) {
        int moved = 0;
        int toRight = 0;
        int toWrong = 0;
        int[] support = new int[labels.size()];
        int[] rightBefore = new int[labels.size()];
        int[] rightAfter = new int[labels.size()];
        for (int i = 0; i < actual.length; i++) {
            support[actual[i]]++;
            rightBefore[actual[i]] += before[i] == actual[i] ? 1 : 0;
            rightAfter[actual[i]] += after[i] == actual[i] ? 1 : 0;
            if (before[i] != after[i]) {
                moved++;
                toRight += after[i] == actual[i] ? 1 : 0;
                toWrong += before[i] == actual[i] ? 1 : 0;
            }
        }
        List<ClassRecall> recalls = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            recalls.add(new ClassRecall(labels.get(c), support[c], rightBefore[c], rightAfter[c]));
        }
        int n = Math.max(1, actual.length);
        return new PriorEffect(moved, toRight, toWrong, (double) java.util.Arrays.stream(rightBefore).sum() / n,
                (double) java.util.Arrays.stream(rightAfter).sum() / n, macroF1Before, macroF1After, recalls);
    }

    /**
     * In words, for the calibration line: {@code 10 validation sequence(s) changed predicted class, 0 from a wrong class to
     * the right one and 10 from the right class to a wrong one: validation accuracy 1.0000 -> 0.9694, macro-F1 1.0000 ->
     * 0.6045, recall 'A' 1/1 -> 0/1, 'V' 31/31 -> 22/31 ('N' unchanged)}.
     */
    public String words() {
        int between = moved - toRight - toWrong;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d validation sequence(s) changed predicted class, %d "
                + "from a wrong class to the right one and %d from the right class to a wrong one%s", moved, toRight, toWrong,
                between > 0 ? " (" + between + " from one wrong class to another)" : ""));
        b.append(String.format(Locale.ROOT, ": validation accuracy %.4f -> %.4f, macro-F1 %.4f -> %.4f", accuracyBefore,
                accuracyAfter, macroF1Before, macroF1After));
        List<String> changed = new ArrayList<>();
        List<String> same = new ArrayList<>();
        for (ClassRecall r : recalls) {
            if (r.support() == 0) {
                continue;
            }
            if (r.rightBefore() == r.rightAfter()) {
                same.add(org.rnnlab.datasets.LabelCheck.quoted(r.label()));
            } else {
                changed.add(String.format(Locale.ROOT, "%s %d/%d -> %d/%d", org.rnnlab.datasets.LabelCheck.quoted(r.label()),
                        r.rightBefore(), r.support(), r.rightAfter(), r.support()));
            }
        }
        if (!changed.isEmpty()) {
            b.append(", recall ").append(String.join(", ", changed)).append(same.isEmpty() ? "" : same.size() <= 3
                    ? " (" + String.join(", ", same) + " unchanged)" : " (the other " + same.size() + " classes' unchanged)");
        } else {
            b.append(", every class's recall unchanged");
        }
        return b.toString();
    }

    /** Whether the correction made more validation decisions wrong than right. */
    public boolean worseDecisions() {
        return toWrong > toRight;
    }
}
