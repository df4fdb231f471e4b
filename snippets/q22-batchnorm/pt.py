import numpy as np
import torch
from torch import nn

if torch.accelerator.is_available():
    device = torch.accelerator.current_accelerator()
else:
    device = torch.device("cpu")

# A batch of 8 samples with 4 features, far from zero mean and unit variance.
x_np = np.random.default_rng(0).normal(3.0, 2.0, size=(8, 4)).astype("float32")
x = torch.tensor(x_np, device=device)

bn = nn.BatchNorm1d(4).to(device)
print(f"defaults: momentum={bn.momentum}, eps={bn.eps}")
assert bn.momentum == 0.1 and bn.eps == 1e-5  # proof: defaults

# Training mode: normalise with this batch's mean and (biased) variance, then update
# running = (1 - momentum) * running + momentum * batch: momentum weights the NEW value.
bn.train()
train_output = bn(x).detach().cpu().numpy()
# clone(): the buffers are overwritten below, and .numpy() would share their memory.
running_mean, running_var = (
    bn.running_mean.clone().cpu().numpy(),
    bn.running_var.clone().cpu().numpy(),
)
print(f"training output, std per feature: {train_output.std(0).round(4)}")
print(f"running mean after one batch: {running_mean.round(4)}")
assert np.abs(train_output.mean(0)).max() < 1e-6  # proof: zero-mean
assert np.abs(train_output.std(0) - 1).max() < 1e-3  # proof: unit-std


def off(values, expected):
    return np.abs(values - expected).max()


# The output is normalised with the BIASED batch variance (divides by n), not with
# the unbiased one (divides by n - 1).
biased, unbiased = x_np.var(0), x_np.var(0, ddof=1)
centred = x_np - x_np.mean(0)
normalised = [centred / np.sqrt(v + bn.eps) for v in (biased, unbiased)]
assert off(train_output, normalised[0]) < 1e-5  # proof: biased-output
assert off(train_output, normalised[1]) > 1e-2
assert off(running_mean, 0.1 * x_np.mean(0)) < 1e-6  # proof: new-weighted
assert off(running_mean, 0.9 * x_np.mean(0)) > 1e-2  # The other reading of momentum.
# The running variance is updated with the UNBIASED batch variance (divides by n - 1).
assert off(running_var, 0.9 + 0.1 * unbiased) < 1e-6  # proof: running-var
assert off(running_var, 0.9 + 0.1 * biased) > 1e-2

# Keras's default epsilon (1e-3) normalises the same batch slightly differently.
keras_like = nn.BatchNorm1d(4, eps=1e-3).to(device)
eps_difference = np.abs(keras_like(x).detach().cpu().numpy() - train_output).max()
print(f"largest output change with eps=1e-3: {eps_difference:.2e}")  # proof: eps
assert eps_difference > 1e-5  # Beyond the agreement box's tolerance for the outputs.

# Inference mode: normalise with the running statistics, whatever the batch holds.
bn.eval()
bn.running_mean.fill_(3.0)
bn.running_var.fill_(4.0)
eval_output = bn(x).detach().cpu().numpy()
print(f"inference output, first sample: {eval_output[0].round(4)}")
assert off(eval_output, (x_np - 3.0) / np.sqrt(4.0 + bn.eps)) < 1e-6  # proof: eval
# Each sample's output no longer depends on the rest of the batch.
assert off(bn(x[:2]).detach().cpu().numpy(), eval_output[:2]) < 1e-6  # proof: alone
