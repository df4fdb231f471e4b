import torch
from torch import nn

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
torch.manual_seed(0)
# The generators differ, so the draws do too: each row compares the statistics of
# 131,072 draws (standard deviation, largest magnitude) with those of the TensorFlow
# file.
fan_in, fan_out = 512, 256


def stats(w):
    return [w.std().item(), w.abs().max().item()]


# xavier_uniform: U(-a, a) with a = sqrt(6 / (fan_in + fan_out)). PyTorch reads the fans
# of a (out, in) weight, Keras of a (in, out) kernel: the same fans.
w = torch.empty(fan_out, fan_in, device=device)
xavier_uniform = stats(nn.init.xavier_uniform_(w))
print(f"xavier_uniform: std {xavier_uniform[0]:.5f}, max {xavier_uniform[1]:.5f}")

# xavier_normal: the same standard deviation; PyTorch draws from a plain normal, Keras's
# GlorotNormal from one truncated at two standard deviations.
w = torch.empty(fan_out, fan_in, device=device)
xavier_normal = stats(nn.init.xavier_normal_(w))[:1]
assert stats(w)[1] > 4 * xavier_normal[0]
ratio = stats(w)[1] / stats(w)[0]
print(f"xavier_normal: std {xavier_normal[0]:.5f}, max / std {ratio:.2f}")

# kaiming_normal: std sqrt(2 / fan_in) for ReLU networks; truncated in Keras's HeNormal.
w = torch.empty(fan_out, fan_in, device=device)
kaiming_normal = stats(nn.init.kaiming_normal_(w, nonlinearity="relu"))[:1]
assert stats(w)[1] > 4 * kaiming_normal[0]
print(f"kaiming_normal: std {kaiming_normal[0]:.5f}")

# kaiming_uniform: U(-a, a) with a = sqrt(6 / fan_in).
w = torch.empty(fan_out, fan_in, device=device)
kaiming_uniform = stats(nn.init.kaiming_uniform_(w, nonlinearity="relu"))
print(f"kaiming_uniform: std {kaiming_uniform[0]:.5f}, max {kaiming_uniform[1]:.5f}")

# conv_fan_in: a convolution's fan-in is in_channels * kh * kw in both.
w = torch.empty(128, 64, 3, 3, device=device)  # (out, in, kh, kw)
conv_fan_in = stats(nn.init.kaiming_uniform_(w, nonlinearity="relu"))
print(f"conv_fan_in: max {conv_fan_in[1]:.5f}")

# linear_default: nn.Linear draws weight and bias from U(-1/sqrt(fan_in),
# 1/sqrt(fan_in)); a Dense layer starts with Glorot-uniform kernels and zero biases.
linear = nn.Linear(fan_in, fan_out).to(device)
assert linear.bias.abs().max().item() > 0
linear_default = stats(linear.weight.detach())
print(f"linear_default: std {linear_default[0]:.5f}, max {linear_default[1]:.5f}")

# zeros_init: all zeros.
w = torch.empty(fan_out, fan_in, device=device)
zeros_init = stats(nn.init.zeros_(w))
print(f"zeros_init: {zeros_init}")

# constant: one value everywhere.
w = torch.empty(fan_out, fan_in, device=device)
constant = stats(nn.init.constant_(w, 0.5))
print(f"constant: {constant}")

# orthogonal: orthonormal rows (or columns): w @ w.T is the identity.
w = torch.empty(64, 64, device=device)
nn.init.orthogonal_(w)
orthogonal = w @ w.T
gap = (orthogonal - torch.eye(64, device=device)).abs().max()
print(f"orthogonal: largest |w w^T - I| {gap:.2e}")

# normal: std 1.0 by default in PyTorch, 0.05 in Keras's RandomNormal.
assert (
    abs(nn.init.normal_(torch.empty(fan_out, fan_in, device=device)).std().item() - 1)
    < 0.01
)
w = torch.empty(fan_out, fan_in, device=device)
normal = stats(nn.init.normal_(w, std=0.05))[:1]
print(f"normal: std {normal[0]:.5f}")

# uniform: U(0, 1) by default in PyTorch, U(-0.05, 0.05) in Keras's RandomUniform.
assert nn.init.uniform_(torch.empty(100, device=device)).min().item() >= 0
w = torch.empty(fan_out, fan_in, device=device)
uniform = stats(nn.init.uniform_(w, -0.05, 0.05))
print(f"uniform: std {uniform[0]:.5f}, max {uniform[1]:.5f}")

# trunc_normal: PyTorch cuts at a=-2, b=2 (absolute values), Keras at two standard
# deviations.
w = torch.empty(fan_out, fan_in, device=device)
assert nn.init.trunc_normal_(w, std=0.02).abs().max().item() > 0.04  # Not cut at 2 std.
trunc_normal = stats(nn.init.trunc_normal_(w, std=0.02, a=-0.04, b=0.04))
print(f"trunc_normal: std {trunc_normal[0]:.5f}, max {trunc_normal[1]:.5f}")
