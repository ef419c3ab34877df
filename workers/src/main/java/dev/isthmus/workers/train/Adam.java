package dev.isthmus.workers.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) with bias correction and decoupled weight decay (Loshchilov and Hutter
 * 2019, AdamW), matching {@code torch.optim.AdamW} when {@code weightDecay > 0}.
 */
final class Adam implements Optimizer {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private int t;

    Adam(List<NDArray> params, double lr, double beta1, double beta2, double eps, double wd) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = wd;
        for (NDArray p : params) {
            m.add(p.zerosLike());
            v.add(p.zerosLike());
        }
    }

    @Override
    public void step(List<NDArray> params) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray g = p.getGradient();
            m.get(i).muli(beta1).addi(g.mul(1 - beta1));
            v.get(i).muli(beta2).addi(g.square().muli(1 - beta2));
            NDArray denom = v.get(i).div(c2).sqrt().addi(eps);
            if (weightDecay > 0) p.muli(1 - lr * weightDecay);
            p.subi(m.get(i).div(denom).muli(lr / c1));
            Optimizer.zeroGradient(p);
        }
    }
}
