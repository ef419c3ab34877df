package dev.isthmus.workers.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/** SGD with heavy-ball momentum and L2 weight decay, as {@code torch.optim.SGD}. */
final class Sgd implements Optimizer {
    private final double lr;
    private final double momentum;
    private final double weightDecay;
    private final List<NDArray> buffers = new ArrayList<>();
    private boolean first = true;

    Sgd(List<NDArray> params, double lr, double momentum, double weightDecay) {
        this.lr = lr;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        for (NDArray p : params) buffers.add(p.zerosLike());
    }

    @Override
    public void step(List<NDArray> params) {
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray g = p.getGradient();
            NDArray d = weightDecay > 0 ? g.add(p.mul(weightDecay)) : g;
            NDArray buf = buffers.get(i);
            if (momentum > 0) {
                // torch.optim.SGD: the first step copies the gradient into the buffer.
                if (first) buf.addi(d);
                else buf.muli(momentum).addi(d);
                p.subi(buf.mul(lr));
            } else {
                p.subi(d.mul(lr));
            }
            Optimizer.zeroGradient(p);
        }
        first = false;
    }
}
