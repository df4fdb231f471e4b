import numpy as np
import torch
from torch import nn

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
torch.backends.cuda.matmul.fp32_precision = "ieee"  # Full float32 on GPUs too.
torch.backends.cudnn.conv.fp32_precision = "ieee"
torch.backends.cudnn.rnn.fp32_precision = "ieee"  # cuDNN RNNs default to TF32.
torch.manual_seed(0)
# The same seeded inputs and weights in both files. PyTorch images are NCHW, Keras
# images NHWC: each image output below is turned to NHWC before it is compared.
rng = np.random.default_rng(0)
rows = torch.tensor(rng.standard_normal((2, 3)).astype(np.float32), device=device)
images = rng.standard_normal((2, 5, 5, 3)).astype(np.float32)  # NHWC, as stored.
nchw = torch.tensor(images.transpose(0, 3, 1, 2), device=device)
sequence = torch.tensor(
    rng.standard_normal((2, 4, 3)).astype(np.float32), device=device
)
# The kernel, as Keras stores it: (in, out).
kernel = rng.standard_normal((3, 4)).astype(np.float32)
bias = rng.standard_normal(4).astype(np.float32)


def nhwc(t):
    return t.permute(0, 2, 3, 1)


# dense: nn.Linear stores weight as (out, in); a Dense kernel is (in, out).
linear = nn.Linear(3, 4).to(device)
with torch.no_grad():
    linear.weight.copy_(torch.from_numpy(kernel.T))
    linear.bias.copy_(torch.from_numpy(bias))
dense = linear(rows)
print(f"dense: weight {tuple(linear.weight.shape)}, output {tuple(dense.shape)}")

# conv2d: PyTorch weight (out, in, kh, kw) on NCHW; Keras kernel (kh, kw, in, out) on
# NHWC.
conv_kernel = rng.standard_normal((3, 3, 3, 4)).astype(np.float32)
conv = nn.Conv2d(3, 4, 3).to(device)
with torch.no_grad():
    conv.weight.copy_(torch.from_numpy(conv_kernel.transpose(3, 2, 0, 1)))
    conv.bias.copy_(torch.from_numpy(bias))
conv2d = nhwc(conv(nchw))
print(f"conv2d: weight {tuple(conv.weight.shape)}, output NHWC {tuple(conv2d.shape)}")

# conv_same: padding="same" keeps the size; PyTorch allows it only with stride 1.
same = nn.Conv2d(3, 4, 3, padding="same").to(device)
with torch.no_grad():
    same.weight.copy_(conv.weight)
    same.bias.copy_(conv.bias)
conv_same = nhwc(same(nchw))
try:
    nn.Conv2d(3, 4, 3, stride=2, padding="same")
    raise AssertionError("padding='same' with stride 2 did not raise")
except ValueError as error:
    print(f"conv_same: stride 2: ValueError: {error}")
print(f"conv_same: output NHWC {tuple(conv_same.shape)}")

# maxpool: the stride defaults to the pool size in both.
maxpool = nhwc(nn.MaxPool2d(2)(nchw))
print(f"maxpool: output NHWC {tuple(maxpool.shape)}")

# global_avgpool: AdaptiveAvgPool2d(1) keeps 1 x 1 spatial axes; Keras drops them.
pooled = nn.AdaptiveAvgPool2d(1)(nchw)
global_avgpool = pooled.flatten(1)
print(f"global_avgpool: {tuple(pooled.shape)} -> {tuple(global_avgpool.shape)}")

# batchnorm: momentum weights the new batch in PyTorch (0.1) and the old average in
# Keras (0.99); eps 1e-5 against 1e-3. Set here: momentum 0.01 = 1 - 0.99, eps 1e-3.
norm = nn.BatchNorm1d(4, momentum=0.01, eps=1e-3).to(device)
assert nn.BatchNorm1d(4).momentum == 0.1 and nn.BatchNorm1d(4).eps == 1e-5
batch = torch.tensor(rng.standard_normal((8, 4)).astype(np.float32), device=device)
batchnorm = [norm(batch), norm.running_mean]
# The running variance takes the unbiased batch variance (n - 1); Keras takes the biased
# one.
unbiased = 0.99 + 0.01 * batch.var(dim=0, correction=1)
biased = 0.99 + 0.01 * batch.var(dim=0, correction=0)  # What Keras would keep.
gap = (norm.running_var - unbiased).abs().max().item()
assert gap < 1e-6 < (norm.running_var - biased).abs().min().item()
print(f"batchnorm: running mean {norm.running_mean.tolist()}")

# layernorm: eps 1e-5 in PyTorch, epsilon 1e-3 in Keras; matched here.
assert nn.LayerNorm(4).eps == 1e-5
layernorm = nn.LayerNorm(4, eps=1e-3).to(device)(batch)
print(f"layernorm: {tuple(layernorm.shape)}")

# dropout: in training, both zero a share p of the values and scale the rest by 1 / (1 -
# p).
drop = nn.Dropout(0.5)
kept = drop(torch.ones(1000, device=device))
dropout = sorted(set(kept.tolist()))
print(f"dropout: values after dropout in training: {dropout}")

# eval_mode: a module starts in training mode until .eval(); a Keras layer called
# directly runs in inference mode.
assert drop.training
drop.eval()
eval_mode = drop(rows)
assert torch.equal(eval_mode, rows)
print(
    f"eval_mode: dropout after .eval() is the identity: {torch.equal(eval_mode, rows)}"
)

# embedding: the table is (num_embeddings, dim) in both; PyTorch fills it from N(0, 1),
# Keras from U(-0.05, 0.05), unless embeddings_initializer is set.
spread = nn.Embedding(1000, 8).weight.std().item()
assert 0.9 < spread < 1.1  # N(0, 1); U(-0.05, 0.05) would give 0.029.
table = rng.standard_normal((10, 3)).astype(np.float32)
lookup = nn.Embedding(10, 3).to(device)
with torch.no_grad():
    lookup.weight.copy_(torch.from_numpy(table))
embedding = lookup(torch.tensor([[1, 7], [0, 9]], device=device))
print(f"embedding: {tuple(embedding.shape)}")

# lstm: PyTorch expects (time, batch, features) unless batch_first=True, and keeps two
# biases; Keras keeps one. Gate order i, f, g, o in both; weights transposed.
# Keras layout: (in, 4 * units).
w_ih = rng.standard_normal((3, 16)).astype(np.float32) * 0.5
w_hh = rng.standard_normal((4, 16)).astype(np.float32) * 0.5
b = rng.standard_normal(16).astype(np.float32) * 0.1
assert not nn.LSTM(3, 4).batch_first  # (time, batch, features) by default.
recurrent = nn.LSTM(3, 4, batch_first=True).to(device)
with torch.no_grad():
    recurrent.weight_ih_l0.copy_(torch.from_numpy(w_ih.T))
    recurrent.weight_hh_l0.copy_(torch.from_numpy(w_hh.T))
    recurrent.bias_ih_l0.copy_(torch.from_numpy(b))
    recurrent.bias_hh_l0.zero_()
lstm, _ = recurrent(sequence)
print(
    f"lstm: weight_ih {tuple(recurrent.weight_ih_l0.shape)}, output {tuple(lstm.shape)}"
)

# gru: gate order r, z, n in PyTorch and z, r, h in Keras; Keras's default
# reset_after=True matches PyTorch's formula.
# Keras layout: (in, 3 * units), gates z, r, h.
g_ih = rng.standard_normal((3, 12)).astype(np.float32) * 0.5
g_hh = rng.standard_normal((4, 12)).astype(np.float32) * 0.5
# The input and the recurrent biases.
g_b = rng.standard_normal((2, 12)).astype(np.float32) * 0.1


def zrh_to_rzh(w):
    z, r, h = np.split(w, 3, axis=-1)
    return np.concatenate([r, z, h], axis=-1)


gated = nn.GRU(3, 4, batch_first=True).to(device)
with torch.no_grad():
    gated.weight_ih_l0.copy_(torch.from_numpy(zrh_to_rzh(g_ih).T))
    gated.weight_hh_l0.copy_(torch.from_numpy(zrh_to_rzh(g_hh).T))
    gated.bias_ih_l0.copy_(torch.from_numpy(zrh_to_rzh(g_b[0])))
    gated.bias_hh_l0.copy_(torch.from_numpy(zrh_to_rzh(g_b[1])))
gru, _ = gated(sequence)
print(f"gru: output {tuple(gru.shape)}")

# flatten_layer: NCHW flattens channel by channel, NHWC pixel by pixel; a Dense layer
# after Flatten needs its rows permuted when weights move between frameworks.
assert not torch.equal(nn.Flatten()(nchw), nn.Flatten()(nhwc(nchw)))
flatten_layer = nn.Flatten()(nhwc(nchw))
print(f"flatten_layer: {tuple(flatten_layer.shape)}")

# sequential: a stack of layers called in order.
hidden = rng.standard_normal((4, 2)).astype(np.float32)
stack = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2)).to(device)
with torch.no_grad():
    stack[0].weight.copy_(torch.from_numpy(kernel.T))
    stack[0].bias.copy_(torch.from_numpy(bias))
    stack[2].weight.copy_(torch.from_numpy(hidden.T))
    stack[2].bias.zero_()
sequential = stack(rows)
print(f"sequential: {tuple(sequential.shape)}")

# upsample: nearest-neighbour upsampling by 2 is the default of both.
upsample = nhwc(nn.Upsample(scale_factor=2)(nchw))
print(f"upsample: output NHWC {tuple(upsample.shape)}")

# multihead: PyTorch packs the query, key and value projections into one (3E, E) weight;
# Keras keeps one (E, heads, key_dim) kernel each, and key_dim is per head.
heads, dim = 2, 4
w_q, w_k, w_v, w_o = (
    rng.standard_normal((dim, dim)).astype(np.float32) * 0.5 for _ in "qkvo"
)
attention = nn.MultiheadAttention(4, 2, batch_first=True).to(device)
with torch.no_grad():
    attention.in_proj_weight.copy_(
        torch.from_numpy(np.concatenate([w_q.T, w_k.T, w_v.T]))
    )
    attention.in_proj_bias.zero_()
    attention.out_proj.weight.copy_(torch.from_numpy(w_o.T))
    attention.out_proj.bias.zero_()
tokens = torch.tensor(
    rng.standard_normal((2, 5, dim)).astype(np.float32), device=device
)
multihead, _ = attention(tokens, tokens, tokens)
print(f"multihead: in_proj_weight {tuple(attention.in_proj_weight.shape)}")
